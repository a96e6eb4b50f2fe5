import { Mail } from 'lucide-react';
import { NotBuilt } from '../../components/NotBuilt';

export function MailSection() {
  return (
    <NotBuilt title="Mail" icon={Mail}>
      It will read and send mail over IMAP, POP3 and SMTP in three panes (folders, messages, message), with an outbox that never loses a draft.
    </NotBuilt>
  );
}
