// npm run schemas: rewrites schemas/editor/*.json from schemas/*.schema.json and the modules.
import { writeFileSync } from 'node:fs'
import { SCHEMA_DIR, buildEditorSchemas, editorSchemaText } from './editor-schemas.js'

const { playbook, tasks } = buildEditorSchemas()
writeFileSync(`${SCHEMA_DIR}editor/playbook.json`, editorSchemaText(playbook))
writeFileSync(`${SCHEMA_DIR}editor/tasks.json`, editorSchemaText(tasks))
process.stdout.write('wrote schemas/editor/playbook.json and schemas/editor/tasks.json\n')
