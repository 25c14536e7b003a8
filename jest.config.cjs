/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
    // Angular ships ESM only (`.mjs`); the Angular entry's specs load it as CommonJS.
    '^.+\\.mjs$': '<rootDir>/spec/support/esm-to-cjs-transform.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@angular/)'],
  moduleNameMapper: {
    '^b24-call-card-rx$': '<rootDir>/src/index.ts',
    '^b24-call-card-rx/testing$': '<rootDir>/src/testing/index.ts',
    '^b24-call-card-rx/angular$': '<rootDir>/src/angular/index.ts',
    '^b24-call-card-rx/devtools$': '<rootDir>/src/devtools/index.ts',
  },
};
