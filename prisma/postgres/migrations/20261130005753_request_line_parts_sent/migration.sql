-- AlterTable
ALTER TABLE "RequestLine" ADD COLUMN     "partsSent" INTEGER NOT NULL DEFAULT 0;
