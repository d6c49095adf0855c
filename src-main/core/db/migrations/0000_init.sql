CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text,
	`summary` text NOT NULL,
	`prev_mac` text NOT NULL,
	`mac` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_log_object` ON `audit_log` (`object_type`,`object_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vault_keys` (
	`purpose` text NOT NULL,
	`version` integer NOT NULL,
	`wrapped` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	PRIMARY KEY(`purpose`, `version`)
);
--> statement-breakpoint
CREATE TABLE `vault_unlockers` (
	`kind` text PRIMARY KEY NOT NULL,
	`sealed` text NOT NULL,
	`created_at` integer NOT NULL
);
