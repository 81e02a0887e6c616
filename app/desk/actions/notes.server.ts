import type { z } from "zod";

import { noteSchema, overrideSchema } from "../schemas";
import { isAllowed } from "../machine";
import { actorOf, ok, refuse, type ActionResult, type DeskCore } from "./core.server";

/** Staff requests on the timeline: a note, and a goodwill or refusing override of the policy's decision on a line. */
export function noteActions(core: DeskCore) {
  const { deps, now, load, stale } = core;

  return {
    async note(shop: string, id: string, input: z.input<typeof noteSchema>): Promise<ActionResult> {
      const { note } = noteSchema.parse(input);
      await load(shop, id);
      await deps.desk.record(shop, { requestId: id, type: "note", ...actorOf(deps.staff), message: note, at: now() });
      return ok("Note added.");
    },

    async override(shop: string, id: string, input: z.input<typeof overrideSchema>): Promise<ActionResult> {
      const { lineId, decision, note } = overrideSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "override")) return stale(shop, request, "override");
      const line = request.lines.find((l) => l.id === lineId);
      if (!line) return refuse(422, "That line is not part of this request.");
      const verb = decision === "approve" ? "Accepted as a goodwill gesture" : "Refused";
      await deps.desk.record(shop, { requestId: id, type: "override", ...actorOf(deps.staff), message: `${verb}: ${line.title} — ${note}`, data: { lineId, lineItemId: line.lineItemId, decision, note }, at: now() });
      return ok("Override recorded.");
    },
  };
}
