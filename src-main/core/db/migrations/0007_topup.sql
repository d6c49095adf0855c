CREATE TABLE `key_claims` (
	`id` integer PRIMARY KEY NOT NULL,
	`key_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`line_id` integer,
	`reason` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_claims_key` ON `key_claims` (`key_id`);--> statement-breakpoint
CREATE INDEX `key_claims_batch` ON `key_claims` (`batch_id`);--> statement-breakpoint
CREATE TABLE `portal_accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`portal` text NOT NULL,
	`name` text NOT NULL,
	`base_url` text NOT NULL,
	`username` text NOT NULL,
	`credentials_sealed` blob NOT NULL,
	`seal_key` text NOT NULL,
	`status` text NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_accounts_seal_key_unique` ON `portal_accounts` (`seal_key`);--> statement-breakpoint
CREATE TABLE `product_supply` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`route` text NOT NULL,
	`supplier_id` integer,
	`supplier_product_id` text,
	`portal_account_id` integer,
	`package_id` text,
	`account_rule` text DEFAULT 'phone' NOT NULL,
	`account_regex` text,
	`check_before_delivery` integer DEFAULT false NOT NULL,
	`remind_after_days` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portal_account_id`) REFERENCES `portal_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `restock_purchases` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`customer_order_no` text NOT NULL,
	`count` integer NOT NULL,
	`unit_cost_fen` integer NOT NULL,
	`total_fen` integer NOT NULL,
	`state` text NOT NULL,
	`batch_id` integer,
	`error` text,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `restock_purchases_customer_order_no_unique` ON `restock_purchases` (`customer_order_no`);--> statement-breakpoint
CREATE INDEX `restock_purchases_day` ON `restock_purchases` (`product_id`,`day`);--> statement-breakpoint
CREATE TABLE `restock_rules` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`supplier_id` integer NOT NULL,
	`supplier_product_id` text NOT NULL,
	`threshold` integer NOT NULL,
	`buy_count` integer NOT NULL,
	`daily_budget_fen` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`last_run_at` integer,
	`last_error` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`sandbox` integer DEFAULT false NOT NULL,
	`credentials_sealed` blob NOT NULL,
	`seal_key` text NOT NULL,
	`app_key_masked` text NOT NULL,
	`endpoint` text,
	`balance_fen` integer,
	`balance_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_seal_key_unique` ON `suppliers` (`seal_key`);--> statement-breakpoint
CREATE TABLE `topup_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`line_id` integer NOT NULL,
	`attempt_no` integer NOT NULL,
	`route` text NOT NULL,
	`supplier_id` integer,
	`portal_account_id` integer,
	`customer_order_no` text NOT NULL,
	`account_masked` text NOT NULL,
	`state` text NOT NULL,
	`supplier_order_id` text,
	`portal_order_no` text,
	`cost_fen` integer,
	`evidence_dir` text,
	`error` text,
	`next_check_at` integer,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topup_attempts_customer_order_no_unique` ON `topup_attempts` (`customer_order_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `topup_attempts_line_no` ON `topup_attempts` (`line_id`,`attempt_no`);--> statement-breakpoint
CREATE INDEX `topup_attempts_state` ON `topup_attempts` (`state`,`next_check_at`);--> statement-breakpoint
ALTER TABLE `keys` ADD `redeemed_at` integer;--> statement-breakpoint
ALTER TABLE `keys` ADD `checked_at` integer;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `buyer_input_sealed` blob;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `recharge_account_sealed` blob;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `recharge_account_masked` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `redeemed_at` integer;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `issue` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `issue_note` text;--> statement-breakpoint
CREATE INDEX `order_lines_issue` ON `order_lines` (`issue`);