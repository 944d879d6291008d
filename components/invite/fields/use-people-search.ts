"use client";

import { useEffect, useState } from "react";
import { useApiToken } from "@/components/auth/use-api-token";
import type { DirectoryPerson } from "@/lib/graph/users";
import { searchPeople } from "../actions";

export type PeopleSearch =
  | { status: "idle" }
  | { status: "searching" }
  | { status: "done"; people: DirectoryPerson[] }
  | { status: "failed"; sessionExpired: boolean };

const DEBOUNCE_MS = 300;

/** Directory search as the person types: debounced, and answers to older queries are dropped. */
export function usePeopleSearch(query: string): PeopleSearch {
  const { getToken } = useApiToken();
  // Answers are kept with the query they answer; anything else is still being searched.
  const [answer, setAnswer] = useState<{ query: string; search: PeopleSearch } | null>(null);
  const trimmed = query.trim();

  useEffect(() => {
    if (trimmed === "") return;
    let current = true;
    const setSearch = (search: PeopleSearch) => setAnswer({ query: trimmed, search });
    const timer = setTimeout(async () => {
      const token = await getToken();
      if (!current) return;
      if (!token.ok) {
        setSearch({ status: "failed", sessionExpired: token.reason === "session_expired" });
        return;
      }
      try {
        const result = await searchPeople(token.accessToken, { query: trimmed });
        if (!current) return;
        if (result.ok) setSearch({ status: "done", people: result.data });
        else
          setSearch({ status: "failed", sessionExpired: result.error.code === "session_expired" });
      } catch {
        if (current) setSearch({ status: "failed", sessionExpired: false });
      }
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed, getToken]);

  if (trimmed === "") return { status: "idle" };
  return answer?.query === trimmed ? answer.search : { status: "searching" };
}
