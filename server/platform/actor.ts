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
  /** The session's second-factor facts (issue 16); absent for an actor built outside a request. */
  session?: SessionFacts;
}

/** What a request's session says about the second factor and step-up. */
export interface SessionFacts {
  /** When this session passed the second factor; null: password only. */
  secondFactorAt: Date | null;
  /** Until when this session may do step-up actions; null: not stepped up. */
  stepUpUntil: Date | null;
  /** The user has a confirmed authenticator. */
  secondFactorEnabled: boolean;
}

/** Request facts that go into every audit row. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  language: Language;
}
