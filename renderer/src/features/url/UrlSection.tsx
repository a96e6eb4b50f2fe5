import { Globe } from 'lucide-react';
import { NotBuilt } from '../../components/NotBuilt';

/** Placeholder: the URL inspector feature replaces this folder. */
export function UrlSection() {
  return (
    <NotBuilt title="URL" icon={Globe}>
      It is coming: it will fetch a URL and show its anatomy, every redirect hop with timings, headers, body, TLS certificate, cookies and robots.txt.
    </NotBuilt>
  );
}
