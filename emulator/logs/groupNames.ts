// Log group references: shared by the API handlers and Live Tail, which must not import each other.

/** The name of the group a request names by `logGroupName` or `logGroupIdentifier` (name or ARN). */
export function groupNameOf(ref: string): string {
  if (!ref.startsWith('arn:')) return ref;
  const name = ref.split(':log-group:')[1] ?? '';
  return name.endsWith(':*') ? name.slice(0, -2) : name;
}
