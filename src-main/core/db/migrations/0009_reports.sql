CREATE TABLE `report_buyers` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` blob NOT NULL,
	`first_at` integer NOT NULL,
	`first_order_id` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_buyers_key_unique` ON `report_buyers` (`key`);--> statement-breakpoint
CREATE TABLE `report_dirty` (
	`line_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sales_daily` (
	`day` integer NOT NULL,
	`shop_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`lines` integer NOT NULL,
	`orders` integer NOT NULL,
	`units` integer NOT NULL,
	`keys` integer NOT NULL,
	`revenue_fen` integer NOT NULL,
	`cost_fen` integer NOT NULL,
	`fee_fen` integer NOT NULL,
	`refund_fen` integer NOT NULL,
	`delivered_lines` integer NOT NULL,
	`failed_lines` integer NOT NULL,
	`refunded_lines` integer NOT NULL,
	`new_buyers` integer NOT NULL,
	`new_revenue_fen` integer NOT NULL,
	`returning_orders` integer NOT NULL,
	`returning_revenue_fen` integer NOT NULL,
	PRIMARY KEY(`day`, `shop_id`, `product_id`)
);
--> statement-breakpoint
CREATE INDEX `sales_daily_product` ON `sales_daily` (`product_id`,`day`);--> statement-breakpoint
CREATE TABLE `sales_lines` (
	`line_id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`shop_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`day` integer NOT NULL,
	`paid_at` integer NOT NULL,
	`delivered_at` integer,
	`outcome` text NOT NULL,
	`units` integer NOT NULL,
	`keys` integer NOT NULL,
	`revenue_fen` integer NOT NULL,
	`cost_fen` integer NOT NULL,
	`fee_fen` integer NOT NULL,
	`refund_fen` integer NOT NULL,
	`buyer_id` integer,
	`order_head` integer NOT NULL,
	`first_order` integer NOT NULL,
	`region` text
);
--> statement-breakpoint
CREATE INDEX `sales_lines_day` ON `sales_lines` (`day`,`shop_id`,`buyer_id`);--> statement-breakpoint
CREATE INDEX `sales_lines_paid` ON `sales_lines` (`paid_at`);--> statement-breakpoint
CREATE INDEX `sales_lines_delivered` ON `sales_lines` (`delivered_at`);--> statement-breakpoint
CREATE INDEX `sales_lines_buyer_day` ON `sales_lines` (`buyer_id`,`day`,`shop_id`,`product_id`,`first_order`) WHERE buyer_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sales_lines_shop_buyer` ON `sales_lines` (`shop_id`,`buyer_id`,`day`,`product_id`,`first_order`) WHERE buyer_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sales_lines_region` ON `sales_lines` (`day`,`region`,`shop_id`,`product_id`,`order_head`,`revenue_fen`) WHERE region IS NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `fee_rate_bp` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_signals` ADD `region` text;