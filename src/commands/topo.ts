// Placeholder: implemented with its issue.
export default async function topo(_args: string[]): Promise<number> {
  console.error('nslab topo: not available in this build yet');
  return 2;
}
