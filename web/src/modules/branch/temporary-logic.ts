// Who a temporary Party organisation draws now, read from its membership rows: the server ends a removed member's
// row on the day of removal (it keeps the days they served) and runs the others to the organisation's end.

export type TemporaryMember = {
  memberId: string;
  name: string;
  homeOrgName: string;
  fromOn: string;
  toOn: string | null;
};

/** Still drawn: running to the organisation's end (or open-ended), or ending on a day still ahead. */
export function isDrawnNow(
  m: Pick<TemporaryMember, 'toOn'>,
  orgEndOn: string | null,
  today: string,
): boolean {
  return m.toOn === orgEndOn || m.toOn === null || m.toOn > today;
}

export function drawnIds(
  members: readonly TemporaryMember[],
  orgEndOn: string | null,
  today: string,
): string[] {
  return members.filter((m) => isDrawnNow(m, orgEndOn, today)).map((m) => m.memberId);
}

/** Who a save would add and take out, to say so before saving. */
export function memberChanges(before: readonly string[], after: readonly string[]) {
  const had = new Set(before);
  const wanted = new Set(after);
  return {
    added: after.filter((id) => !had.has(id)),
    removed: before.filter((id) => !wanted.has(id)),
  };
}

/** The server's issues on `body.memberIds.<i>` as "name: message" lines, so the officer knows whom to drop. */
export function memberIssueLines(
  issues: readonly { field: string; message: string }[],
  sent: readonly string[],
  nameOf: (id: string) => string,
): string[] {
  return issues.map((issue) => {
    const match = /^body\.memberIds\.(\d+)$/.exec(issue.field);
    const id = match ? sent[Number(match[1])] : undefined;
    return id ? `${nameOf(id)}：${issue.message}` : issue.message;
  });
}
