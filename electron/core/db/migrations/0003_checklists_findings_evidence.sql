CREATE TABLE `answer_history` (
	`id` text PRIMARY KEY NOT NULL,
	`answer_id` text NOT NULL,
	`engagement_id` text NOT NULL,
	`value` text,
	`note` text NOT NULL,
	`author` text NOT NULL,
	`device_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `answer_history_answer_idx` ON `answer_history` (`answer_id`);--> statement-breakpoint
CREATE TABLE `checklist_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`template_id` text NOT NULL,
	`item_id` text NOT NULL,
	`value` text,
	`note` text NOT NULL,
	`fails` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `checklist_answers_lookup_idx` ON `checklist_answers` (`engagement_id`,`template_id`);--> statement-breakpoint
CREATE TABLE `checklist_snapshots` (
	`hash` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`version` text NOT NULL,
	`content` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `engagement_checklists` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`template_id` text NOT NULL,
	`template_hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `engagement_checklists_engagement_idx` ON `engagement_checklists` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`width` integer,
	`height` integer,
	`thumbnail` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evidence_links` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`file_sha256` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`caption` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `evidence_links_target_idx` ON `evidence_links` (`target_kind`,`target_id`);--> statement-breakpoint
CREATE INDEX `evidence_links_file_idx` ON `evidence_links` (`file_sha256`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`answer_id` text,
	`template_id` text,
	`item_id` text,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`affected_resources` text NOT NULL,
	`recommendation` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text,
	`status` text NOT NULL,
	`disposition` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `findings_engagement_idx` ON `findings` (`engagement_id`,`status`);--> statement-breakpoint
CREATE TABLE `findings_library` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`recommendation` text NOT NULL,
	`tags` text NOT NULL
);
