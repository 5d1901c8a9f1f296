// Placeholder: implemented with its issue.
export default async function learn(_args: string[]): Promise<number> {
  console.error('nslab learn: not available in this build yet');
  return 2;
}
