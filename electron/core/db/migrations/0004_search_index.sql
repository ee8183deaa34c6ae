-- Global search (issue 5, point 7). `search_docs` holds one row per searchable thing — an engagement,
-- an answer with a note or text, a finding — and `search_index` is an FTS5 trigram index over it
-- (external content, so each change costs one keyed row write instead of a scan of the index).
-- Triggers on the source tables keep both in step; soft-deleted rows leave the index.
CREATE TABLE `search_docs` (
	`id` integer PRIMARY KEY,
	`kind` text NOT NULL,
	`engagement_id` text NOT NULL,
	`ref_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	-- When the indexed text last changed: ranks equally good matches, newest first.
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_ref_idx` ON `search_docs` (`ref_id`);
--> statement-breakpoint
CREATE INDEX `search_docs_engagement_idx` ON `search_docs` (`engagement_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	kind,
	engagement_id UNINDEXED,
	ref_id UNINDEXED,
	title,
	body,
	content = 'search_docs',
	content_rowid = 'id',
	tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER `search_docs_ai` AFTER INSERT ON `search_docs` BEGIN
	INSERT INTO search_index (rowid, kind, engagement_id, ref_id, title, body)
	VALUES (new.id, new.kind, new.engagement_id, new.ref_id, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_ad` AFTER DELETE ON `search_docs` BEGIN
	INSERT INTO search_index (search_index, rowid, kind, engagement_id, ref_id, title, body)
	VALUES ('delete', old.id, old.kind, old.engagement_id, old.ref_id, old.title, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_au` AFTER UPDATE ON `search_docs` BEGIN
	INSERT INTO search_index (search_index, rowid, kind, engagement_id, ref_id, title, body)
	VALUES ('delete', old.id, old.kind, old.engagement_id, old.ref_id, old.title, old.body);
	INSERT INTO search_index (rowid, kind, engagement_id, ref_id, title, body)
	VALUES (new.id, new.kind, new.engagement_id, new.ref_id, new.title, new.body);
END;
--> statement-breakpoint
-- Engagements: the event name is the title, the customer the body. A trashed or purged engagement
-- leaves the index; purging also drops what its answers and findings left there.
CREATE TRIGGER `search_engagements_ai` AFTER INSERT ON `engagements`
WHEN new.deleted_at IS NULL AND new.purged_at IS NULL BEGIN
	INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
	VALUES ('engagement', new.id, new.id, new.event_name, new.customer_org, new.updated_at);
END;
--> statement-breakpoint
CREATE TRIGGER `search_engagements_au` AFTER UPDATE ON `engagements`
WHEN old.customer_org IS NOT new.customer_org OR old.event_name IS NOT new.event_name
	OR old.deleted_at IS NOT new.deleted_at OR old.purged_at IS NOT new.purged_at BEGIN
	DELETE FROM search_docs WHERE ref_id = old.id;
	DELETE FROM search_docs WHERE engagement_id = old.id AND new.purged_at IS NOT NULL;
	INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
	SELECT 'engagement', new.id, new.id, new.event_name, new.customer_org, new.updated_at
	WHERE new.deleted_at IS NULL AND new.purged_at IS NULL;
END;
--> statement-breakpoint
-- Answers: only those with something to find — a note, or the text of a text answer. The title is
-- the item id; the search service shows the item's prompt from the checklist snapshot instead.
CREATE TRIGGER `search_answers_ai` AFTER INSERT ON `checklist_answers`
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
	SELECT 'answer', new.engagement_id, new.id, new.item_id, body, new.updated_at
	FROM (SELECT trim(concat_ws(char(10),
		CASE WHEN json_valid(new.value) AND json_extract(new.value, '$.kind') = 'text'
			THEN json_extract(new.value, '$.value') END,
		new.note)) AS body)
	WHERE body <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `search_answers_au` AFTER UPDATE ON `checklist_answers`
WHEN old.note IS NOT new.note OR old.value IS NOT new.value OR old.deleted_at IS NOT new.deleted_at
	OR old.engagement_id IS NOT new.engagement_id OR old.item_id IS NOT new.item_id BEGIN
	DELETE FROM search_docs WHERE ref_id = old.id;
	INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
	SELECT 'answer', new.engagement_id, new.id, new.item_id, body, new.updated_at
	FROM (SELECT trim(concat_ws(char(10),
		CASE WHEN json_valid(new.value) AND json_extract(new.value, '$.kind') = 'text'
			THEN json_extract(new.value, '$.value') END,
		new.note)) AS body)
	WHERE body <> '' AND new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `search_answers_ad` AFTER DELETE ON `checklist_answers` BEGIN
	DELETE FROM search_docs WHERE ref_id = old.id;
END;
--> statement-breakpoint
-- Findings: the title, and description and recommendation as the body.
CREATE TRIGGER `search_findings_ai` AFTER INSERT ON `findings`
WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
	VALUES ('finding', new.engagement_id, new.id, new.title,
		trim(concat_ws(char(10), new.description, new.recommendation)), new.updated_at);
END;
--> statement-breakpoint
CREATE TRIGGER `search_findings_au` AFTER UPDATE ON `findings`
WHEN old.title IS NOT new.title OR old.description IS NOT new.description
	OR old.recommendation IS NOT new.recommendation OR old.deleted_at IS NOT new.deleted_at
	OR old.engagement_id IS NOT new.engagement_id BEGIN
	DELETE FROM search_docs WHERE ref_id = old.id;
	INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
	SELECT 'finding', new.engagement_id, new.id, new.title,
		trim(concat_ws(char(10), new.description, new.recommendation)), new.updated_at
	WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `search_findings_ad` AFTER DELETE ON `findings` BEGIN
	DELETE FROM search_docs WHERE ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_engagements_ad` AFTER DELETE ON `engagements` BEGIN
	DELETE FROM search_docs WHERE engagement_id = old.id;
END;
--> statement-breakpoint
-- Backfill what the store already holds.
INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
SELECT 'engagement', id, id, event_name, customer_org, updated_at FROM engagements
WHERE deleted_at IS NULL AND purged_at IS NULL;
--> statement-breakpoint
INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
SELECT 'answer', engagement_id, id, item_id, body, updated_at FROM (
	SELECT engagement_id, id, item_id, updated_at, trim(concat_ws(char(10),
		CASE WHEN json_valid(value) AND json_extract(value, '$.kind') = 'text'
			THEN json_extract(value, '$.value') END,
		note)) AS body
	FROM checklist_answers WHERE deleted_at IS NULL
) WHERE body <> '';
--> statement-breakpoint
INSERT INTO search_docs (kind, engagement_id, ref_id, title, body, updated_at)
SELECT 'finding', engagement_id, id, title, trim(concat_ws(char(10), description, recommendation)), updated_at
FROM findings WHERE deleted_at IS NULL;
