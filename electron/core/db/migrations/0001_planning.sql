CREATE TABLE `catalog_snapshots` (
	`hash` text PRIMARY KEY NOT NULL,
	`catalog_id` text NOT NULL,
	`version` text NOT NULL,
	`content` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`party` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`email` text NOT NULL,
	`phone` text NOT NULL,
	`project_manager` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contacts_engagement_idx` ON `contacts` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `engagement_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`catalog_hash` text NOT NULL,
	`picked_item_ids` text NOT NULL,
	`calendar_id` text NOT NULL,
	`application_date` text NOT NULL,
	`order_date` text,
	`large_resources` integer NOT NULL,
	`service_days` integer NOT NULL,
	`remote_days` integer NOT NULL,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `firm_calendars` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`calendar_id` text NOT NULL,
	`content` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `firm_catalogs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`catalog_id` text NOT NULL,
	`version` text NOT NULL,
	`hash` text NOT NULL,
	`content` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `firm_catalogs_catalog_idx` ON `firm_catalogs` (`catalog_id`);--> statement-breakpoint
CREATE TABLE `on_site_days` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`date` text NOT NULL,
	`persons` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `on_site_days_engagement_idx` ON `on_site_days` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `plan_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`template_id` text,
	`phase` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`owner` text NOT NULL,
	`status` text NOT NULL,
	`raci_customer` text NOT NULL,
	`raci_provider` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `plan_tasks_engagement_idx` ON `plan_tasks` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `rule_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`reason` text NOT NULL,
	`author` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rule_overrides_engagement_idx` ON `rule_overrides` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `scope_resources` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`device_id` text NOT NULL,
	`deleted_at` text,
	`engagement_id` text NOT NULL,
	`resource_type` text NOT NULL,
	`spec` text NOT NULL,
	`count` integer NOT NULL,
	`region` text NOT NULL,
	`notes` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `scope_resources_engagement_idx` ON `scope_resources` (`engagement_id`);