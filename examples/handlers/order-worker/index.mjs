// Records each order from the queue; a failed record is reported back so SQS redelivers only it.
export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records ?? []) {
    try {
      const order = JSON.parse(record.body);
      console.log(JSON.stringify({ message: 'order received', orderId: order.id }));
    } catch (error) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
