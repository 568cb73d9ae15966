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

struct json_object *plan_to_json(const struct plan *plan, bool dry_run, bool changed)
{
	struct json_object *o = json_object_new_object();
	struct json_object *steps = json_object_new_array();

	for (size_t i = 0; plan && i < plan->nsteps; i++)
		json_object_array_add(steps, step_to_json(&plan->steps[i]));
	json_object_object_add(o, "dry_run", json_object_new_boolean(dry_run));
	json_object_object_add(o, "changed", json_object_new_boolean(changed));
	json_object_object_add(o, "steps", steps);
	return o;
}
