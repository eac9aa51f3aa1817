import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLocale } from '../i18n/i18n.tsx';

/** One tap switches between 中文 and English; the button names the language it switches to. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { locale, setLocale } = useLocale();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined />}
      data-testid="language-switch"
      aria-label={next === 'en' ? 'Switch to English' : '切换到中文'}
      style={light ? { color: '#fff' } : undefined}
      onClick={() => setLocale(next)}
    >
      {next === 'en' ? 'EN' : '中文'}
    </Button>
  );
}
