CREATE TABLE `alert_channels` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`enabled` integer NOT NULL,
	`config_sealed` blob NOT NULL,
	`seal_key` text NOT NULL,
	`url_masked` text NOT NULL,
	`kinds` text DEFAULT '[]' NOT NULL,
	`last_sent_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_channels_seal_key_unique` ON `alert_channels` (`seal_key`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`result` text
);
--> statement-breakpoint
CREATE INDEX `alerts_created` ON `alerts` (`created_at`);--> statement-breakpoint
CREATE INDEX `alerts_pending` ON `alerts` (`sent_at`,`kind`);--> statement-breakpoint
CREATE TABLE `backups` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`path` text NOT NULL,
	`bytes` integer,
	`keys` integer,
	`audit_seq` integer,
	`audit_mac` text,
	`status` text NOT NULL,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `backups_started` ON `backups` (`started_at`);--> statement-breakpoint
CREATE TABLE `order_signals` (
	`order_id` integer PRIMARY KEY NOT NULL,
	`shop_id` integer NOT NULL,
	`platform` text NOT NULL,
	`at` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`buyer_key` blob,
	`buyer_id_index` blob,
	`nick_index` blob,
	`phone_index` blob,
	`email_index` blob,
	`ip_index` blob,
	`device_index` blob,
	`signals_sealed` blob,
	`phone_masked` text,
	`email_masked` text,
	`device_masked` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_signals_buyer` ON `order_signals` (`buyer_key`,`at`);--> statement-breakpoint
CREATE INDEX `order_signals_ip` ON `order_signals` (`ip_index`,`at`);--> statement-breakpoint
CREATE INDEX `order_signals_device` ON `order_signals` (`device_index`,`at`);--> statement-breakpoint
CREATE INDEX `order_signals_at` ON `order_signals` (`at`);--> statement-breakpoint
CREATE TABLE `otp_challenges` (
	`id` integer PRIMARY KEY NOT NULL,
	`line_id` integer NOT NULL,
	`via` text,
	`to_masked` text,
	`code_mac` text,
	`status` text NOT NULL,
	`sent_at` integer,
	`expires_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sends` integer DEFAULT 0 NOT NULL,
	`send_ref` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `otp_challenges_line` ON `otp_challenges` (`line_id`);--> statement-breakpoint
CREATE TABLE `risk_hits` (
	`id` integer PRIMARY KEY NOT NULL,
	`rule_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`decided` integer NOT NULL,
	`observed` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `risk_hits_at` ON `risk_hits` (`at`);--> statement-breakpoint
CREATE INDEX `risk_hits_rule` ON `risk_hits` (`rule_id`,`at`);--> statement-breakpoint
CREATE TABLE `risk_holds` (
	`line_id` integer PRIMARY KEY NOT NULL,
	`action` text NOT NULL,
	`decision` text NOT NULL,
	`status` text NOT NULL,
	`held_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`release_at` integer,
	`alerted_at` integer,
	`decided_at` integer,
	`decided_by` text,
	`note` text,
	FOREIGN KEY (`line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_holds_status` ON `risk_holds` (`status`,`release_at`);--> statement-breakpoint
CREATE INDEX `risk_holds_deadline` ON `risk_holds` (`status`,`deadline_at`);--> statement-breakpoint
CREATE TABLE `risk_list_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`list` text NOT NULL,
	`subject` text NOT NULL,
	`value_index` blob,
	`cidr` text,
	`value_sealed` blob NOT NULL,
	`value_masked` text NOT NULL,
	`note` text,
	`source` text NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_list_value` ON `risk_list_entries` (`list`,`subject`,`value_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `risk_list_cidr` ON `risk_list_entries` (`list`,`cidr`);--> statement-breakpoint
CREATE TABLE `risk_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`enabled` integer NOT NULL,
	`mode` text NOT NULL,
	`action` text NOT NULL,
	`delay_minutes` integer,
	`score` integer DEFAULT 0 NOT NULL,
	`conditions` text NOT NULL,
	`note` text,
	`built_in_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_rules_built_in_key_unique` ON `risk_rules` (`built_in_key`);