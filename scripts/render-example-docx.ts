import { writeFile } from 'node:fs/promises';
import { exampleIncidentReport } from '../src/documents/example';
import { renderDocx } from '../src/documents/render-docx';

const [outputPath] = process.argv.slice(2);
if (outputPath === undefined) {
  console.error('Usage: npx tsx scripts/render-example-docx.ts <output.docx>');
  process.exit(1);
}
await writeFile(outputPath, await renderDocx(exampleIncidentReport()));
console.log(`Wrote ${outputPath}`);
