CREATE TABLE `line_keys` (
	`line_id` integer NOT NULL,
	`key_id` integer NOT NULL,
	`exclusive` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`line_id`, `key_id`),
	FOREIGN KEY (`line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `line_keys_one_line` ON `line_keys` (`key_id`) WHERE exclusive = 1;--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`line_id` integer,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`detail` text,
	`payload_sealed` blob,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`shop_id` integer NOT NULL,
	`platform_order_id` text NOT NULL,
	`platform_line_id` text NOT NULL,
	`item_id` text NOT NULL,
	`sku_id` text NOT NULL,
	`outer_id` text NOT NULL,
	`title` text NOT NULL,
	`quantity` integer NOT NULL,
	`price_fen` integer NOT NULL,
	`product_id` integer,
	`keys_needed` integer,
	`status` text NOT NULL,
	`refund` text DEFAULT 'none' NOT NULL,
	`risk` text,
	`paid_at` integer,
	`delivered_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_natural` ON `order_lines` (`shop_id`,`platform_order_id`,`platform_line_id`);--> statement-breakpoint
CREATE INDEX `order_lines_order` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_lines_status` ON `order_lines` (`status`,`paid_at`);--> statement-breakpoint
CREATE INDEX `order_lines_shop` ON `order_lines` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `order_lines_product_status` ON `order_lines` (`product_id`,`status`,`paid_at`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY NOT NULL,
	`shop_id` integer NOT NULL,
	`platform_order_id` text NOT NULL,
	`platform_status` text NOT NULL,
	`status` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`paid_at` integer,
	`platform_updated_at` integer NOT NULL,
	`buyer_index` blob,
	`buyer_masked` text NOT NULL,
	`risk_flags` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_natural` ON `orders` (`shop_id`,`platform_order_id`);--> statement-breakpoint
CREATE INDEX `orders_buyer` ON `orders` (`buyer_index`);--> statement-breakpoint
CREATE INDEX `orders_platform_id` ON `orders` (`platform_order_id`);--> statement-breakpoint
CREATE TABLE `push_seen` (
	`shop_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `push_seen_at` ON `push_seen` (`at`);--> statement-breakpoint
CREATE TABLE `shops` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`sandbox` integer DEFAULT false NOT NULL,
	`credentials_sealed` blob NOT NULL,
	`seal_key` text NOT NULL,
	`app_key_masked` text NOT NULL,
	`endpoint` text,
	`poll_seconds` integer NOT NULL,
	`cursor_at` integer NOT NULL,
	`settled_at` integer NOT NULL,
	`last_poll_at` integer,
	`last_error` text,
	`backoff_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shops_seal_key_unique` ON `shops` (`seal_key`);--> statement-breakpoint
CREATE TABLE `sku_mappings` (
	`id` integer PRIMARY KEY NOT NULL,
	`shop_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`sku_id` text NOT NULL,
	`title` text NOT NULL,
	`product_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sku_mappings_item` ON `sku_mappings` (`shop_id`,`item_id`,`sku_id`);--> statement-breakpoint
ALTER TABLE `batches` ADD `pin_shop_id` integer;--> statement-breakpoint
ALTER TABLE `batches` ADD `pin_from` integer;--> statement-breakpoint
ALTER TABLE `batches` ADD `pin_to` integer;--> statement-breakpoint
ALTER TABLE `keys` ADD `refunded_at` integer;