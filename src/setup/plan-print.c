// SPDX-License-Identifier: GPL-2.0-or-later
/* A plan as text and as JSON, from the action table; the CLI prints them. */
#include <json-c/json.h>
#include <stdio.h>

#include "actions.h"

void step_describe(const struct step *s, char *buf, size_t len)
{
	const struct action_info *a = action_info(s->action);

	if (a->describe)
		a->describe(s, buf, len);
	else
		snprintf(buf, len, "zram%u: %s", s->dev_id, a->name);
}

struct json_object *step_to_json(const struct step *s)
{
	const struct action_info *a = action_info(s->action);
	struct json_object *o = json_object_new_object();
	char dev[32];

	json_object_object_add(o, "action", json_object_new_string(a->name));
	if (a->needs != NEEDS_NOTHING) {
		snprintf(dev, sizeof(dev), "zram%u", s->dev_id);
		json_object_object_add(o, "device", json_object_new_string(dev));
	}
	if (a->json)
		a->json(s, o);
	return o;
}

/* [{"device": "zram3", "exit": 3, "message": "..."}]; device null when the
 * note is about no one device; "exit" for failures only. */
static struct json_object *notes_to_json(const struct plan_note *notes, size_t n, bool failures)
{
	struct json_object *a = json_object_new_array();
	char dev[32];

	for (size_t i = 0; i < n; i++) {
		struct json_object *o = json_object_new_object();

		snprintf(dev, sizeof(dev), "zram%d", notes[i].dev_id);
		json_object_object_add(o, "device", notes[i].dev_id < 0 ? NULL :
						    json_object_new_string(dev));
		if (failures)
			json_object_object_add(o, "exit", json_object_new_int(notes[i].status));
		json_object_object_add(o, "message", json_object_new_string(notes[i].message));
		json_object_array_add(a, o);
	}
	return a;
}

struct json_object *plan_to_json(const struct plan *plan, bool dry_run, bool changed)
{
	struct json_object *o = json_object_new_object();
	struct json_object *steps = json_object_new_array();
	struct json_object *skipped = json_object_new_array();

	for (size_t i = 0; plan && i < plan->nskipped; i++) {
		struct json_object *sk = json_object_new_object();
		char dev[32];

		snprintf(dev, sizeof(dev), "zram%u", plan->skipped[i].dev_id);
		json_object_object_add(sk, "device", json_object_new_string(dev));
		json_object_object_add(sk, "reason", json_object_new_string(
			plan->skipped[i].why == CONFIG_SKIP_HOST_MEMORY ? "host-memory-limit"
									 : "size-0"));
		json_object_array_add(skipped, sk);
	}
	for (size_t i = 0; plan && i < plan->nsteps; i++)
		json_object_array_add(steps, step_to_json(&plan->steps[i]));
	json_object_object_add(o, "dry_run", json_object_new_boolean(dry_run));
	json_object_object_add(o, "changed", json_object_new_boolean(changed));
	json_object_object_add(o, "steps", steps);
	json_object_object_add(o, "failed", notes_to_json(plan ? plan->failed : NULL,
							  plan ? plan->nfailed : 0, true));
	json_object_object_add(o, "warnings", notes_to_json(plan ? plan->warnings : NULL,
							    plan ? plan->nwarnings : 0, false));
	json_object_object_add(o, "skipped", skipped);
	return o;
}
