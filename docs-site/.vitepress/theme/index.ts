import DefaultTheme from 'vitepress/theme';
import './badges.css';

export default DefaultTheme;
