// Placeholder: implemented with its issue.
export default async function validate(_args: string[]): Promise<number> {
  console.error('nslab validate: not available in this build yet');
  return 2;
}
