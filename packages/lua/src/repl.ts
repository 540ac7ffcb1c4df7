/**
 * The interactive loop, as a Lua script run like any other: one engine for the whole session, so
 * globals persist from line to line, with the same sandbox and limits (the CPU budget restarts at
 * each line read). It reads through the host (`repl.read(prompt)`, LuaHostFunctions.repl), tries
 * a line first as an expression (`1 + 1` shows 2), keeps reading with ">> " while a statement is
 * incomplete, and shows errors without ending the session.
 */
export const REPL_PROMPT = 'lua> ';
export const REPL_CONTINUATION = '>> ';

export const REPL_SCRIPT = String.raw`
local read = repl.read
repl = nil
local pack, unpack, tostring = table.pack, table.unpack, tostring
while true do
  local src = read("${REPL_PROMPT}")
  if src == nil then break end
  local f, err = load("return " .. src, "=stdin", "t")
  if not f then
    f, err = load(src, "=stdin", "t")
    while not f and err:sub(-5) == "<eof>" do
      local more = read("${REPL_CONTINUATION}")
      if more == nil then break end
      src = src .. "\n" .. more
      f, err = load(src, "=stdin", "t")
    end
  end
  if not f then
    print(err)
  else
    local r = pack(pcall(f))
    if not r[1] then print(tostring(r[2]))
    elseif r.n > 1 then dump(unpack(r, 2, r.n)) end
  end
end
`;
