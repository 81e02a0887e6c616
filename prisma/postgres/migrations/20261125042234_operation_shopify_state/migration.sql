-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "shopifyStateJson" TEXT;
