/**
 * File sizes as people write them: `1048576`, `500kb`, `2 MB` (binary units: 1 KB = 1024 bytes). Shared by
 * the CLI's `--max-file-size` and the editor's `loopguard.maxFileSize`.
 */
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i;

/** The size in bytes, or undefined when the text is not a size. */
export function parseFileSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1;
  const bytes = Math.round(Number(match[1]) * factor);
  return bytes > 0 ? bytes : undefined;
}

/** `1 MB`, `500 KB`, `1.5 MB`, `312 bytes`. */
export function formatFileSize(bytes: number): string {
  const trim = (value: number) => String(Math.round(value * 10) / 10);
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
