import { SquareTerminal } from 'lucide-react';
import { NotBuilt } from '../../components/NotBuilt';

export function TerminalSection() {
  return (
    <NotBuilt title="Terminal" icon={SquareTerminal}>
      It will open telnet sessions in tabs, with a full terminal and a strip showing the negotiated options, encoding and size.
    </NotBuilt>
  );
}
