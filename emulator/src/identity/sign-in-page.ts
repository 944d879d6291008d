import { escapeHtml, htmlPage } from "../http/html";
import type { UserRecord } from "../store/user-record";

export type SignInChoice = {
  user: UserRecord;
  roleDescription: string;
};

export function signInPage(options: {
  tenantName: string;
  appName: string;
  formAction: string;
  transaction: string;
  choices: SignInChoice[];
  hintedUserId?: string;
}): string {
  const buttons = options.choices
    .map(({ user, roleDescription }) => {
      const hinted = user.id === options.hintedUserId;
      return `<li><button type="submit" name="account" value="${escapeHtml(user.id)}"${hinted ? ' class="hinted" autofocus' : ""}>
<span class="name">${escapeHtml(user.displayName ?? user.userPrincipalName)}</span>
<span class="upn">${escapeHtml(user.userPrincipalName)}</span>
<span class="role">${escapeHtml(roleDescription)}</span>
</button></li>`;
    })
    .join("\n");
  return htmlPage(
    `Sign in to ${options.tenantName}`,
    `<h1>Pick an account</h1>
<p class="tenant">${escapeHtml(options.tenantName)} local tenant, signing in to <strong>${escapeHtml(options.appName)}</strong>.</p>
<form method="post" action="${escapeHtml(options.formAction)}">
<input type="hidden" name="transaction" value="${escapeHtml(options.transaction)}">
<ul aria-label="Accounts">
${buttons}
</ul>
</form>
<p class="note">This is a local test tenant: choosing a person signs you in as them without a password.</p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/** `response_mode=form_post`: the browser posts the answer to the redirect URI itself. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join("\n");
  return htmlPage(
    "Signing in",
    `<h1>Signing in</h1>
<form method="post" action="${escapeHtml(redirectUri)}" id="answer">
${inputs}
<noscript><button type="submit" class="primary">Continue</button></noscript>
</form>
<script>document.getElementById("answer").submit();</script>`,
  );
}
