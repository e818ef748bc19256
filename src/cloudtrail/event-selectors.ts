import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** What a trail logs beyond management events. */
export interface DataEventOptions {
  readonly s3DataEvents?: boolean;
  readonly s3DataEventBuckets?: s3.IBucket[];
  readonly lambdaDataEvents?: boolean;
}

/**
 * Advanced event selectors: all management events, plus the data events asked for; `undefined` when
 * only management events are logged (the trail default, read and write).
 */
export function trailEventSelectors(options: DataEventOptions): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] | undefined {
  const data: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] = [];
  if (options.s3DataEvents || options.s3DataEventBuckets) {
    data.push({
      name: 'S3 data events',
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        ...(options.s3DataEventBuckets ? [{ field: 'resources.ARN', startsWith: options.s3DataEventBuckets.map((b) => `${b.bucketArn}/`) }] : []),
      ],
    });
  }
  if (options.lambdaDataEvents) {
    data.push({
      name: 'Lambda data events',
      fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] }],
    });
  }
  if (data.length === 0) return undefined;
  return [{ name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] }, ...data];
}
