/**
 * Shared by the awsParity*.test.ts files: the differences of issue "The emulator behaves like AWS
 * for every client, not only ours", one test (or more) per item; each failed on the emulator before
 * its fix.
 */

/** The JSON protocol target prefix of ECS. */
export const ECS = 'AmazonEC2ContainerServiceV20141113';
