import type { InvitationOutcome } from "@/lib/db/schema";

const OUTCOME_TONES: Record<InvitationOutcome, string> = {
  succeeded: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failed: "bg-red-50 text-red-900 ring-red-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
};

/**
 * How one recorded Graph write ended, for the invitation history and the changes view: the outcome
 * badge, the code in words, Graph's message, its request id and the number of tries. Texts come
 * translated from the caller, whose namespaces differ.
 */
export function OutcomeCell({
  outcome,
  outcomeLabel,
  codeText,
  codeIsWarning,
  errorMessage,
  requestIdLabel,
  requestId,
  attemptsText,
}: {
  outcome: InvitationOutcome;
  outcomeLabel: string;
  /** The error code in words, or null without a code. */
  codeText: string | null;
  /** Red when the code explains a failure; grey when it only qualifies a success. */
  codeIsWarning: boolean;
  errorMessage: string | null;
  requestIdLabel: string;
  requestId: string | null;
  /** Null after a single try. */
  attemptsText: string | null;
}) {
  return (
    <>
      <span
        className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${OUTCOME_TONES[outcome]}`}
      >
        {outcomeLabel}
      </span>
      {codeText ? (
        <span className={`mt-1 block text-xs ${codeIsWarning ? "text-red-800" : "text-slate-700"}`}>
          {codeText}
        </span>
      ) : null}
      {errorMessage ? (
        <span className="block max-w-xs text-xs break-words text-slate-600">{errorMessage}</span>
      ) : null}
      {requestId ? (
        <span className="block text-xs text-slate-500">
          {requestIdLabel} <code className="font-mono break-all select-all">{requestId}</code>
        </span>
      ) : null}
      {attemptsText ? <span className="block text-xs text-slate-500">{attemptsText}</span> : null}
    </>
  );
}
