import { Prisma } from "@prisma/client";

/**
 * True when a write failed on a unique constraint (Prisma P2002). Both generated clients raise
 * their own PrismaClientKnownRequestError class, so the code is read rather than the class.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError || (typeof error === "object" && error !== null && "code" in error)) &&
    (error as { code?: unknown }).code === "P2002"
  );
}
