import DefaultTheme from 'vitepress/theme';
import './badges.css';
import './fields.css';

export default DefaultTheme;
