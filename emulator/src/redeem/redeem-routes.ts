import type { FastifyInstance, FastifyReply } from "fastify";
import { escapeHtml, htmlPage } from "../http/html";
import { formFields, queryFields } from "../http/request-body";
import type { InvitationRecord } from "../store/invitation-record";
import type { TenantState } from "../tenant-state";

type Lookup = { invitation: InvitationRecord } | { problem: string };

/** Finds the invitation a redeem link names: `rd` holds Microsoft's inner URL with `user` (the invitation id) and `ticket`. */
function findInvitation(tenant: TenantState, rd: string | undefined): Lookup {
  let inner: URL;
  try {
    inner = new URL(rd ?? "");
  } catch {
    return { problem: "This invitation link is not valid. Check that you copied all of it." };
  }
  const invitation = tenant.invitations.get(inner.searchParams.get("user") ?? "");
  if (
    !invitation ||
    invitation.ticket !== inner.searchParams.get("ticket") ||
    inner.searchParams.get("tenant") !== tenant.identity.tenantId
  ) {
    return { problem: "This invitation link is not valid. Check that you copied all of it." };
  }
  if (invitation.supersededDateTime) {
    return {
      problem:
        "This invitation link is no longer valid because the invitation was reset. Ask the person who invited you for a new invitation.",
    };
  }
  if (!tenant.users.get(invitation.userId))
    return { problem: "The account this invitation was for no longer exists." };
  return { invitation };
}

function problemPage(reply: FastifyReply, message: string) {
  return reply
    .code(400)
    .type("text/html; charset=utf-8")
    .send(
      htmlPage(
        "Invitation problem",
        `<h1>We couldn't open this invitation</h1>\n<p class="error">${escapeHtml(message)}</p>`,
      ),
    );
}

export function registerRedeemRoutes(app: FastifyInstance, tenant: TenantState): void {
  app.get("/redeem", { config: { endpoint: "redeem" } }, (request, reply) => {
    const rd = queryFields(request).rd;
    const found = findInvitation(tenant, rd);
    if ("problem" in found) return problemPage(reply, found.problem);
    const { invitation } = found;
    const inviter = tenant.users.get(invitation.inviterId);
    const organisation = tenant.identity.domain;
    return reply
      .type("text/html; charset=utf-8")
      .header("Cache-Control", "no-store")
      .send(
        htmlPage(
          "Review permissions",
          `<h1>Review permissions</h1>
<p><strong>${escapeHtml(inviter?.displayName ?? "Someone")}</strong> invited <strong>${escapeHtml(invitation.invitedUserEmailAddress)}</strong> to <strong>${escapeHtml(organisation)}</strong>.</p>
<p>This organisation would like to:</p>
<ul aria-label="Permissions" style="list-style: disc; padding-left: 1.25rem; display: block;">
<li>Sign you in</li>
<li>Read your name, email address, and photo</li>
</ul>
<form method="post" action="/redeem">
<input type="hidden" name="rd" value="${escapeHtml(rd ?? "")}">
<button type="submit" class="primary">Accept</button>
</form>
<p class="note">Local tenant: accepting marks the guest as Accepted and continues to ${escapeHtml(invitation.inviteRedirectUrl)}.</p>`,
        ),
      );
  });

  app.post("/redeem", { config: { endpoint: "redeem" } }, (request, reply) => {
    const found = findInvitation(tenant, formFields(request).rd);
    if ("problem" in found) return problemPage(reply, found.problem);
    const { invitation } = found;
    const user = tenant.users.get(invitation.userId);
    if (user && user.externalUserState !== "Accepted") {
      const now = new Date().toISOString();
      tenant.users.update(user, {
        externalUserState: "Accepted",
        externalUserStateChangeDateTime: now,
      });
      invitation.redeemedDateTime = now;
    }
    return reply.header("Cache-Control", "no-store").redirect(invitation.inviteRedirectUrl, 302);
  });
}
