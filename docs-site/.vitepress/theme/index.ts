import DefaultTheme from 'vitepress/theme';
import { nextTick, onMounted, watch } from 'vue';
import { useRoute, type Theme } from 'vitepress';
import './badges.css';
import './fields.css';
import './sandbox.css';

export default {
  extends: DefaultTheme,
  setup() {
    const route = useRoute();
    // Client-side only: the buttons run code in the reader's browser.
    const enhance = () => nextTick(() => import('./sandbox/buttons.js').then((m) => m.addSandboxButtons()));
    onMounted(enhance);
    watch(() => route.path, enhance);
  },
} satisfies Theme;
