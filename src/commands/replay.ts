// Placeholder: implemented with its issue.
export default async function replay(_args: string[]): Promise<number> {
  console.error('nslab replay: not available in this build yet');
  return 2;
}
