"use client";

import { useEffect, useState } from "react";
import { useApiToken } from "@/components/auth/use-api-token";
import type { GroupChoices } from "@/lib/groups/find-groups";
import { searchGroupsToJoin } from "@/components/invite/actions";

export type GroupSearch =
  | { status: "idle" }
  | { status: "searching" }
  | { status: "done"; choices: GroupChoices }
  | { status: "failed"; sessionExpired: boolean };

const DEBOUNCE_MS = 300;

/**
 * The groups the person may choose, once `enabled` (the field was first reached): their own groups
 * with an empty query, filtered as they type; answers to older queries are dropped.
 */
export function useGroupSearch(query: string, enabled: boolean): GroupSearch {
  const { getToken } = useApiToken();
  const [answer, setAnswer] = useState<{ query: string; search: GroupSearch } | null>(null);
  const trimmed = query.trim();

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const setSearch = (search: GroupSearch) => setAnswer({ query: trimmed, search });
    const timer = setTimeout(
      async () => {
        const token = await getToken();
        if (!current) return;
        if (!token.ok) {
          setSearch({ status: "failed", sessionExpired: token.reason === "session_expired" });
          return;
        }
        try {
          const result = await searchGroupsToJoin(token.accessToken, { query: trimmed });
          if (!current) return;
          if (result.ok) setSearch({ status: "done", choices: result.data });
          else
            setSearch({
              status: "failed",
              sessionExpired: result.error.code === "session_expired",
            });
        } catch {
          if (current) setSearch({ status: "failed", sessionExpired: false });
        }
      },
      trimmed === "" ? 0 : DEBOUNCE_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed, enabled, getToken]);

  if (!enabled) return { status: "idle" };
  return answer?.query === trimmed ? answer.search : { status: "searching" };
}
