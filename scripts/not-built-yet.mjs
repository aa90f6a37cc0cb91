// `pnpm start` needs the hub, which is not built yet; say so plainly instead of failing obscurely.
const command = process.argv[2] ?? 'this command';
console.error(
  `pnpm ${command}: the Sidecast hub and web app are not built yet, so there is nothing to start.\n` +
    'What exists today is the protocol package; see "Status" in README.md.',
);
process.exit(1);
