-- AlterTable
ALTER TABLE "AftercareRequest" ADD COLUMN "preferredResolution" TEXT;

-- Until now a shopper's submitted wish was written to "resolution", which the desk reads as how the
-- merchant resolved the request, so such requests could not be resolved: the wish moves to its own
-- column wherever the desk has not recorded a resolution.
UPDATE "AftercareRequest" SET "preferredResolution" = "resolution", "resolution" = NULL
WHERE "resolution" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "RequestEvent" e WHERE e."requestId" = "AftercareRequest"."id" AND e."type" = 'resolved');
