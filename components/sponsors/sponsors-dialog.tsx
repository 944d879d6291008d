"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ModalDialog } from "@/components/pending/modal-dialog";
import { PeopleSearchCombobox } from "@/components/people/people-search-combobox";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import type { CallError } from "@/components/server-action/call-error";
import { useServerAction } from "@/components/server-action/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ListLoading } from "@/components/ui/list-state";
import { Spinner } from "@/components/ui/spinner";
import type { DirectoryPerson } from "@/lib/graph/users";
import {
  addGuestSponsorAction,
  listGuestSponsors,
  removeGuestSponsorAction,
  type GuestSponsors,
  type Sponsor,
  type SponsorChangeResult,
} from "./actions";
import { SponsorList } from "./sponsor-list";

type Loaded =
  | { status: "loading" }
  | { status: "error"; error: CallError }
  | { status: "guest_not_found" }
  | ({ status: "ready" } & GuestSponsors);

type Notice = { tone: "success" | "warning"; text: string } | null;

/** A guest's sponsors: who they are, add one from the directory, remove one after confirming. */
export function SponsorsDialog({
  guestUserId,
  guestName,
  onClose,
}: {
  guestUserId: string;
  guestName: string;
  onClose: () => void;
}) {
  const t = useTranslations("Sponsors");
  const { call, renewSession } = useServerAction();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [failure, setFailure] = useState<{ title: string; error: CallError } | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    void call(listGuestSponsors, { guestUserId }).then((outcome) => {
      if (!current) return;
      if (!outcome.ok) return setLoaded({ status: "error", error: outcome.error });
      setLoaded(
        "status" in outcome.data
          ? { status: "guest_not_found" }
          : { status: "ready", ...outcome.data },
      );
    });
    return () => {
      current = false;
    };
  }, [call, guestUserId, reloads]);

  function applied(result: SponsorChangeResult, name: string) {
    setLoaded((previous) =>
      previous.status === "ready" ? { ...previous, sponsors: result.sponsors } : previous,
    );
    if (result.status === "added" || result.status === "removed") {
      const text = t(result.status === "added" ? "added" : "removed", { name });
      setNotice({
        tone: "success",
        text: result.confirmedByReading ? `${text} ${t("confirmedByReading")}` : text,
      });
    } else {
      setNotice({ tone: "warning", text: t(`refused.${result.status}`, { name }) });
    }
  }

  async function change(kind: "add" | "remove", sponsor: { id: string; displayName: string }) {
    setBusy(sponsor.id);
    setNotice(null);
    setFailure(null);
    const outcome = await call(kind === "add" ? addGuestSponsorAction : removeGuestSponsorAction, {
      guestUserId,
      sponsorId: sponsor.id,
    });
    setBusy(null);
    if (outcome.ok) return applied(outcome.data, sponsor.displayName);
    setFailure({
      title: t(kind === "add" ? "addFailed" : "removeFailed", { name: sponsor.displayName }),
      error: outcome.error,
    });
  }

  const explain = (error: CallError) =>
    error.code === "forbidden"
      ? t("forbidden")
      : error.code === "outcome_unknown"
        ? t("outcomeUnknown")
        : error.code === "not_sent"
          ? t("notSent")
          : undefined;

  return (
    <ModalDialog titleId="sponsors-title" describedById="sponsors-description" onClose={onClose}>
      <div className="space-y-4 p-6">
        <h2 id="sponsors-title" className="text-lg font-semibold">
          {t("title", { name: guestName })}
        </h2>
        <p id="sponsors-description" className="text-sm text-slate-700">
          {t("explain")}
        </p>

        {loaded.status === "loading" ? (
          <ListLoading label={t("loading")} />
        ) : loaded.status === "error" ? (
          <ActionErrorAlert
            title={t("loadFailed")}
            error={loaded.error}
            explain={explain}
            onSignInAgain={() => void renewSession()}
            onRetry={() => {
              setLoaded({ status: "loading" });
              setReloads((count) => count + 1);
            }}
          />
        ) : loaded.status === "guest_not_found" ? (
          <Alert tone="warning" title={t("refused.guest_not_found", { name: guestName })} />
        ) : (
          <>
            <SponsorList
              sponsors={loaded.sponsors}
              guestName={guestName}
              busyId={busy}
              onRemove={(sponsor: Sponsor) => void change("remove", sponsor)}
            />
            <AddSponsor
              sponsors={loaded.sponsors}
              max={loaded.maxSponsors}
              busy={busy !== null}
              onAdd={(person) => void change("add", person)}
            />
          </>
        )}

        <div role="status" aria-live="polite" className="empty:hidden">
          {notice ? <Alert tone={notice.tone} title={notice.text} /> : null}
        </div>
        {failure ? (
          <ActionErrorAlert
            title={failure.title}
            error={failure.error}
            explain={explain}
            onSignInAgain={() => void renewSession()}
          />
        ) : null}

        <div className="flex items-center justify-end gap-3">
          {busy ? <Spinner className="size-4 text-slate-500" /> : null}
          <Button variant="secondary" onClick={onClose}>
            {t("close")}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}

function AddSponsor({
  sponsors,
  max,
  busy,
  onAdd,
}: {
  sponsors: Sponsor[];
  max: number;
  busy: boolean;
  onAdd: (person: DirectoryPerson) => void;
}) {
  const t = useTranslations("Sponsors");
  const tc = useTranslations("common");
  const full = sponsors.length >= max;
  return (
    <Field
      id="sponsors-add"
      label={t("add")}
      hint={full ? t("limitReached", { maximum: max }) : t("addHint", { maximum: max })}
    >
      {(control) => (
        <PeopleSearchCombobox
          control={control}
          excludeIds={new Set(sponsors.map((sponsor) => sponsor.id))}
          onPick={onAdd}
          disabled={full || busy}
          labels={{
            placeholder: t("search"),
            searching: t("searching"),
            searchFailed: t("searchFailed"),
            sessionExpired: t("sessionExpired"),
            noResults: t("noResults"),
            results: (count) => tc("results", { count }),
          }}
        />
      )}
    </Field>
  );
}
