import { FolderTree } from 'lucide-react';
import { NotBuilt } from '../../components/NotBuilt';

export function FilesSection() {
  return (
    <NotBuilt title="Files" icon={FolderTree}>
      It will browse and transfer files over FTP and FTPS in two panes (local and remote) with a transfer queue showing progress, speed and ETA.
    </NotBuilt>
  );
}
