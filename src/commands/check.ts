// Placeholder: implemented with its issue.
export default async function check(_args: string[]): Promise<number> {
  console.error('nslab check: not available in this build yet');
  return 2;
}
