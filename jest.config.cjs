/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleNameMapper: {
    '^b24-call-card-rx$': '<rootDir>/src/index.ts',
    '^b24-call-card-rx/testing$': '<rootDir>/src/testing/index.ts',
  },
};
