import type { Language, OrgType, Role } from '../../common/roles.ts';

/** One role grant of the signed-in user, with the organisation's place in the tree. */
export interface ActorGrant {
  id: string;
  role: Role;
  orgId: string;
  orgPath: string;
  orgType: OrgType;
  orgName: string;
}

/** Who is making the request. Built from the session on every request, never from the client. */
export interface Actor {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  language: Language;
  grants: ActorGrant[];
}

/** Request facts that go into every audit row. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  language: Language;
}
