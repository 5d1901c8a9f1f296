// Placeholder: implemented with its issue.
export default async function list(_args: string[]): Promise<number> {
  console.error('nslab list: not available in this build yet');
  return 2;
}
