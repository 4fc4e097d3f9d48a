import type { DiffFile } from '../../shared/models';

interface DiffFileListProps {
  files: DiffFile[];
  onOpen(file: DiffFile): void;
}

export function DiffFileList({ files, onOpen }: DiffFileListProps) {
  return (
    <ul className="diff-file-list" data-testid="diff-file-list">
      {files.map((file) => (
        <li key={`${file.source}:${file.path}`}>
          <button
            type="button"
            className="diff-file"
            data-testid="diff-file"
            data-path={file.path}
            data-source={file.source}
            title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
            onClick={() => onOpen(file)}
          >
            <span className={`source-tag source-${file.source}`}>
              {file.source === 'committed' ? 'committed' : 'uncommitted'}
            </span>
            <span className="diff-file-path mono truncate">
              {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
            </span>
            {file.binary ? (
              <span className="diff-count muted">binary</span>
            ) : (
              <span className="diff-count mono">
                <span className="added">+{file.added}</span> <span className="removed">−{file.removed}</span>
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
