ALTER TABLE "teams" ADD COLUMN "resident_ref_prefix" text;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_resident_ref_prefix_format" CHECK ("teams"."resident_ref_prefix" ~ '^[A-Z]{1,5}$');--> statement-breakpoint
-- Teams that already have pseudonyms keep their format: the prefix most used in their requests ("MB" for MB-014).
-- Teams without (null) get the prefix derived from their slug at read time (packages/core/src/resident-ref.ts).
UPDATE "teams" SET "resident_ref_prefix" = r.prefix
FROM (
  SELECT team_id, mode() WITHIN GROUP (ORDER BY substring(resident_ref FROM '^([A-Z]{1,5})-[0-9]+$')) AS prefix
  FROM "spend_requests"
  WHERE resident_ref ~ '^[A-Z]{1,5}-[0-9]+$'
  GROUP BY team_id
) r
WHERE r.team_id = "teams"."id";
