// The Node Schema Registry clients against `contractctl registry serve
// --writable`: @confluentinc/schemaregistry and
// @kafkajs/confluent-schema-registry register, look up, check
// compatibility, and serialise and deserialise Avro and Protobuf messages
// in Confluent's wire format through the served registry. Run by
// bench/sr-clients.sh, which starts the server:
//
//   node bench/sr-clients.cjs URL PEERS_NODE_MODULES
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { createRequire } = require('node:module');

const [url, peers] = process.argv.slice(2);
// resolve the clients (and their own dependencies) in PEERS/..
const load = createRequire(path.join(path.dirname(peers), 'sr-clients.cjs'));
const confluent = load('@confluentinc/schemaregistry');
const kafkajs = load('@kafkajs/confluent-schema-registry');
const bufbuild = load('@bufbuild/protobuf');
const wkt = load('@bufbuild/protobuf/wkt');

const orderV1 = JSON.stringify({
  type: 'record', name: 'Order', namespace: 'shop',
  fields: [{ name: 'id', type: 'string' }, { name: 'total_minor', type: 'long' }],
});
const orderV2 = JSON.stringify({
  type: 'record', name: 'Order', namespace: 'shop',
  fields: [{ name: 'id', type: 'string' }, { name: 'total_minor', type: 'long' },
    { name: 'note', type: ['null', 'string'], default: null }],
});
// a field without a default: BACKWARD refuses it
const orderBad = JSON.stringify({
  type: 'record', name: 'Order', namespace: 'shop',
  fields: [{ name: 'id', type: 'string' }, { name: 'total_minor', type: 'long' },
    { name: 'currency', type: 'string' }],
});
const moneyProto = `syntax = "proto3";
package common.v1;
message Money {
  string currency = 1;
  int64 units = 2;
}
`;
const paymentProto = `syntax = "proto3";
package payments.v1;
message Payment {
  string id = 1;
  int64 amount_minor = 2;
  string currency = 3;
}
`;

let checks = 0;
const check = (what, fn) => fn().then(() => { checks++; console.log(`ok  ${what}`); });

async function confluentClient() {
  const client = new confluent.SchemaRegistryClient({ baseURLs: [url] });

  await check('confluent: register Avro v1 and v2, IDs from the registry', async () => {
    const id1 = await client.register('orders-value', { schemaType: 'AVRO', schema: orderV1 });
    const id2 = await client.register('orders-value', { schemaType: 'AVRO', schema: orderV2 });
    assert.ok(id1 > 0 && id2 > id1, `ids ${id1} ${id2}`);
    // the same schema under another subject: the same ID
    assert.equal(await client.register('audit-value', { schemaType: 'AVRO', schema: orderV1 }), id1);
  });

  await check('confluent: look up, latest, versions, subjects', async () => {
    const meta = await client.getLatestSchemaMetadata('orders-value');
    assert.equal(meta.version, 2);
    assert.equal(meta.schema, orderV2);
    assert.deepEqual(await client.getAllVersions('orders-value'), [1, 2]);
    assert.equal(await client.getVersion('orders-value', { schemaType: 'AVRO', schema: orderV1 }), 1);
    const subjects = await client.getAllSubjects();
    assert.ok(subjects.includes('orders-value') && subjects.includes('audit-value'), subjects.join());
  });

  await check('confluent: compatibility and an incompatible registration', async () => {
    assert.equal(await client.testSubjectCompatibility('orders-value', { schemaType: 'AVRO', schema: orderV2 }), true);
    assert.equal(await client.testSubjectCompatibility('orders-value', { schemaType: 'AVRO', schema: orderBad }), false);
    await assert.rejects(client.register('orders-value', { schemaType: 'AVRO', schema: orderBad }),
      (e) => e.errorCode === 409 || e.status === 409);
    assert.equal(await client.getDefaultCompatibility(), 'BACKWARD');
  });

  await check('confluent: Avro serialise and deserialise (latest version, wire format)', async () => {
    const ser = new confluent.AvroSerializer(client, confluent.SerdeType.VALUE, { useLatestVersion: true });
    const de = new confluent.AvroDeserializer(client, confluent.SerdeType.VALUE, {});
    const msg = { id: 'o-1', total_minor: 1250, note: 'gift' };
    const bytes = await ser.serialize('orders', msg);
    assert.equal(bytes[0], 0); // magic byte, then the 4-byte schema ID
    const latest = await client.getLatestSchemaMetadata('orders-value');
    assert.equal(bytes.readInt32BE(1), latest.id);
    assert.deepEqual({ ...(await de.deserialize('orders', bytes)) }, msg);
  });

  await check('confluent: Protobuf serialise and deserialise (serialized descriptors)', async () => {
    const id = await client.register('payments-value', { schemaType: 'PROTOBUF', schema: paymentProto });
    // the producer's message type, built from the registry's own descriptor
    const meta = await client.getLatestSchemaMetadata('payments-value', 'serialized');
    const fdp = bufbuild.fromBinary(wkt.FileDescriptorProtoSchema, Buffer.from(meta.schema, 'base64'));
    const registry = bufbuild.createFileRegistry(fdp, () => undefined);
    const desc = registry.getMessage('payments.v1.Payment');
    assert.ok(desc, 'message descriptor');
    const ser = new confluent.ProtobufSerializer(client, confluent.SerdeType.VALUE, { useLatestVersion: true, registry });
    const de = new confluent.ProtobufDeserializer(client, confluent.SerdeType.VALUE, {});
    const msg = bufbuild.create(desc, { id: 'p-1', amountMinor: 999n, currency: 'EUR' });
    const bytes = await ser.serialize('payments', msg);
    assert.equal(bytes.readInt32BE(1), id);
    const back = await de.deserialize('payments', bytes);
    assert.equal(back.id, 'p-1');
    assert.equal(back.amountMinor, 999n);
    assert.equal(back.currency, 'EUR');
  });
}

async function kafkajsClient() {
  const { SchemaRegistry, SchemaType } = kafkajs;
  const registry = new SchemaRegistry({ host: url });

  await check('kafkajs: register Avro (idempotent) and look up', async () => {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: orderV2 }, { subject: 'orders-value' });
    assert.equal(await registry.getLatestSchemaId('orders-value'), id);
    assert.equal(await registry.getRegistryId('orders-value', 2), id);
    assert.equal(await registry.getRegistryIdBySchema('orders-value', { type: SchemaType.AVRO, schema: orderV2 }), id);
  });

  await check('kafkajs: Avro encode and decode', async () => {
    const id = await registry.getLatestSchemaId('orders-value');
    const msg = { id: 'o-2', total_minor: 5, note: null };
    const bytes = await registry.encode(id, msg);
    assert.equal(bytes.readInt32BE(1), id);
    assert.deepEqual({ ...(await registry.decode(bytes)) }, msg);
  });

  await check('kafkajs: Protobuf register, encode and decode', async () => {
    const { id } = await registry.register({ type: SchemaType.PROTOBUF, schema: moneyProto }, { subject: 'money-value' });
    const bytes = await registry.encode(id, { currency: 'USD', units: 42 });
    const back = await registry.decode(bytes);
    assert.equal(back.currency, 'USD');
    assert.equal(Number(back.units), 42);
  });

  await check('kafkajs: an incompatible registration is refused', async () => {
    await assert.rejects(registry.register({ type: SchemaType.AVRO, schema: orderBad }, { subject: 'orders-value' }));
  });
}

(async () => {
  await confluentClient();
  await kafkajsClient();
  console.log(`${checks} passed, 0 failed`);
})().catch((e) => {
  console.error(`not ok: ${e.stack || e}`);
  console.log(`${checks} passed, 1 failed`);
  process.exit(1);
});
