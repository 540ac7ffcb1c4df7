/**
 * Lua run once per engine before the script (chunk "=prelude"). It receives the host table built
 * in engine.ts; its locals are invisible to scripts. It
 * 1. removes what a sandbox must not have (lua-runtime note 4.1): io, package, require, debug,
 *    dofile, loadfile, collectgarbage, string.dump, warn; os reduced to time/clock/date/difftime;
 *    load forced to text mode; setmetatable refuses __gc (a finalizer would run Lua outside the
 *    limits, e.g. during lua_close); xpcall runs its handler after unwinding, so a handler cannot
 *    loop with the CPU hook disabled;
 * 2. implements host calls as a Lua-level yield of a private token (note 3.2), and forwards such
 *    yields through user coroutines so calls work inside coroutine.wrap; a failure with fields
 *    (LuaHostError) raises a table whose message and string behaviour match a string error's;
 * 3. defines app.integrations (lazy, any depth), print, dump, json, regex and, when the caller has
 *    docs, docs.* and the lua_*_docs tools; when it has MCP servers, app.mcp.<server>.<tool> and mcp.*.
 */
export const PRELUDE = String.raw`
local host = ...
local AWAIT, NULL, ARRAY_MT = host.await_token, host.null, host.array_mt
local hostcall, take, where = host.call, host.take, host.where
local string_lib = string
local error, type, select, tostring, rawget, rawset = error, type, select, tostring, rawget, rawset
local raw_setmetatable, raw_pcall, raw_load = setmetatable, pcall, load
local pack, unpack = table.pack, table.unpack
local raw_resume, raw_yield, raw_create, raw_status, raw_isyieldable =
  coroutine.resume, coroutine.yield, coroutine.create, coroutine.status, coroutine.isyieldable

-- 1. sandbox
io, package, require, debug, dofile, loadfile, collectgarbage, warn = nil, nil, nil, nil, nil, nil, nil, nil
string.dump = nil
do
  local os_ = os
  os = { time = os_.time, clock = os_.clock, date = os_.date, difftime = os_.difftime }
end

function load(chunk, name, _mode, ...)
  -- Passing env only when given: an explicit nil env would leave the chunk without _ENV.
  if select("#", ...) > 0 then return raw_load(chunk, name, "t", (...)) end
  return raw_load(chunk, name, "t")
end

function setmetatable(t, mt)
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    error("__gc metamethods are not available in the sandbox", 2)
  end
  return raw_setmetatable(t, mt)
end

function xpcall(f, handler, ...)
  local r = pack(raw_pcall(f, ...))
  if r[1] then return unpack(r, 1, r.n) end
  local _, v = raw_pcall(handler, r[2])
  return false, v
end

-- 2. host calls
-- A failure with fields (a provider's status and code, say) is a table with a message. It reads as
-- that message wherever a string error would be used: tostring, print, .., and string methods.
local ERROR_MT = {
  __name = "switchboard.error",
  __tostring = function(e) return rawget(e, "message") end,
  __concat = function(a, b) return tostring(a) .. tostring(b) end,
  __index = function(e, k)
    local f = string_lib[k]
    if type(f) == "function" then return function(self, ...) return f(rawget(self, "message"), ...) end end
  end,
  __metatable = false,
}

local function await_call(kind, path, ...)
  if not raw_isyieldable() then
    error("cannot wait for " .. path .. " here: host calls are not possible inside table.sort comparators, " ..
      "string.gsub callbacks or metamethods called from C", 3)
  end
  local id, err = hostcall(kind, path, ...)
  if not id then error(err, 3) end
  raw_yield(AWAIT, id)
  local ok, v, fields = take(id)
  if not ok then
    if fields == nil then error(v, 3) end -- level 3: the script line that made the call
    fields.message = where(3) .. v -- the same prefix error(v, 3) gives
    error(raw_setmetatable(fields, ERROR_MT))
  end
  return v
end

local function resume(co, ...)
  local r = pack(raw_resume(co, ...))
  while r[1] and r.n == 3 and r[2] == AWAIT and raw_status(co) == "suspended" do
    raw_yield(AWAIT, r[3])
    r = pack(raw_resume(co))
  end
  return unpack(r, 1, r.n)
end
coroutine.resume = resume

function coroutine.wrap(f)
  local co = raw_create(f)
  return function(...)
    local r = pack(resume(co, ...))
    if r[1] then return unpack(r, 2, r.n) end
    error(r[2], 0)
  end
end

-- 3. app.integrations, helpers
local function namespace(path)
  return raw_setmetatable({}, {
    __index = function(t, k)
      if type(k) ~= "string" then return nil end
      local child = namespace(path == "" and k or path .. "." .. k)
      rawset(t, k, child)
      return child
    end,
    __newindex = function() error("app.integrations is read-only", 2) end,
    __call = function(_, ...)
      if path == "" then error("app.integrations is not a function; call app.integrations.<provider>.<function>(...)", 2) end
      local v = await_call("integration", path, ...)
      return v -- not a tail call, so errors keep the caller's line
    end,
    __metatable = false,
  })
end
app = { integrations = namespace("") }

print, dump = host.print, host.dump

json = raw_setmetatable({
  encode = host.json_encode,
  decode = host.json_decode,
  null = NULL,
  array = function(t)
    if t == nil then t = {} end
    if type(t) ~= "table" then error("json.array: expected table, got " .. type(t), 2) end
    return raw_setmetatable(t, ARRAY_MT)
  end,
}, {
  -- A fresh table on each read, so one script cannot fill a shared empty array.
  __index = function(_, k) if k == "empty_array" then return raw_setmetatable({}, ARRAY_MT) end end,
})

regex = { match = host.regex_match, match_all = host.regex_match_all, gsub = host.regex_gsub }

if host.has_docs then
  local function check(fn, what, v)
    if type(v) ~= "string" then error(fn .. ": expected string " .. what .. ", got " .. type(v), 3) end
  end
  docs = {
    list = function() local v = await_call("docs", "list") return v end,
    search = function(query, limit)
      check("docs.search", "query", query)
      if limit ~= nil and type(limit) ~= "number" then error("docs.search: expected number limit, got " .. type(limit), 2) end
      local v = await_call("docs", "search", query, limit)
      return v
    end,
    read = function(page)
      check("docs.read", "page", page)
      local v = await_call("docs", "read", page)
      return v
    end,
  }
  lua_list_docs, lua_search_docs, lua_read_doc = docs.list, docs.search, docs.read
end

if host.has_repl then
  -- Taken (and cleared) by REPL_SCRIPT as its first statement.
  repl = { read = function(prompt) local v = await_call("repl", "read", prompt) return v end }
end

if host.has_mcp then
  local function read_only(what) return function() error(what .. " is read-only", 2) end end
  -- app.mcp.<server>.<tool>(args): two levels, each created on first use.
  local function server_tools(server)
    return raw_setmetatable({}, {
      __index = function(t, tool)
        if type(tool) ~= "string" then return nil end
        local f = function(...)
          local v = await_call("mcp_tool", server .. "." .. tool, ...)
          return v
        end
        rawset(t, tool, f)
        return f
      end,
      __newindex = read_only("app.mcp." .. server),
      __metatable = false,
    })
  end
  app.mcp = raw_setmetatable({}, {
    __index = function(t, server)
      if type(server) ~= "string" then return nil end
      local s = server_tools(server)
      rawset(t, server, s)
      return s
    end,
    __newindex = read_only("app.mcp"),
    __metatable = false,
  })
  local function query(name)
    return function(...)
      local v = await_call("mcp", name, ...)
      return v
    end
  end
  mcp = {
    servers = query("servers"), tools = query("tools"), schema = query("schema"),
    resources = query("resources"), read_resource = query("read_resource"),
    prompts = query("prompts"), get_prompt = query("get_prompt"),
  }
end
`;
