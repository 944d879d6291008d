import { OAuthError } from "./oauth-error";

const CERTIFICATE_DOCS =
  "Review the documentation at https://learn.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials";
const KEYS_ADVICE = (clientId: string) =>
  `Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${clientId}'`;
const FEDERATION_ADVICE =
  "Check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation";

const invalidClient = (code: number, description: string) =>
  new OAuthError("invalid_client", code, description, 401);
const entraTime = (seconds: number) =>
  `${new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ")}Z`;

/** Client authentication failures, each as pasted from Entra's token endpoint (emulator/README.md). */
export const clientAuthErrors = {
  expiredSecret: (clientId: string) =>
    invalidClient(
      7000222,
      `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  unknownCertificate: (clientId: string, thumbprint: string) =>
    invalidClient(
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', ${KEYS_ADVICE(clientId)}]`,
    ),
  expiredCertificate: (clientId: string, thumbprint: string, from: string, to: string) =>
    invalidClient(
      700027,
      `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${thumbprint}', Found key 'Start=${from}, End=${to}', ${KEYS_ADVICE(clientId)}]`,
    ),
  badSignature: () => invalidClient(700027, "Client assertion failed signature validation."),
  wrongApplication: () =>
    invalidClient(
      700021,
      `Client assertion application identifier doesn't match 'client_id' parameter. ${CERTIFICATE_DOCS}`,
    ),
  wrongAudience: () =>
    invalidClient(
      700023,
      `Client assertion audience claim does not match Realm issuer. ${CERTIFICATE_DOCS}.`,
    ),
  outsideValidity: (now: number, notBefore: number | undefined, expires: number | undefined) =>
    invalidClient(
      700024,
      `Client assertion is not within its valid time range. Current time: ${entraTime(now)}, assertion valid from ${notBefore === undefined ? "" : entraTime(notBefore)}, expiry time of assertion ${expires === undefined ? "" : entraTime(expires)}. ${CERTIFICATE_DOCS}`,
    ),
  malformedAssertion: () =>
    new OAuthError("invalid_client", 50027, "JWT token is invalid or malformed.", 401),
  missingJwtId: () =>
    new OAuthError(
      "invalid_client",
      50027,
      "Invalid JWT token. The token has no 'jti' claim.",
      401,
    ),
  // Our wording: no capture of this one.
  unsupportedAssertionType: (type: string) =>
    new OAuthError(
      "invalid_request",
      90014,
      `Client assertion type '${type}' is not supported. Use 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.`,
    ),
  noFederatedCredentials: (clientId: string, appName: string) =>
    invalidClient(
      70025,
      `The client '${clientId}'(${appName}) has no configured federated identity credentials.`,
    ),
  federatedIssuer: (issuer: string) =>
    new OAuthError(
      "invalid_request",
      700211,
      `No matching federated identity record found for presented assertion issuer '${issuer}'. ${FEDERATION_ADVICE}`,
    ),
  federatedAudience: (audience: string) =>
    new OAuthError(
      "invalid_request",
      700212,
      `No matching federated identity record found for presented assertion audience '${audience}'. ${FEDERATION_ADVICE}`,
    ),
  federatedSubject: (subject: string) =>
    new OAuthError(
      "invalid_request",
      700213,
      `No matching federated identity record found for presented assertion subject '${subject}'. ${FEDERATION_ADVICE}`,
    ),
};
