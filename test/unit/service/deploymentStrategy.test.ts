/**
 * Native deployment strategies in service definitions (BLUE_GREEN, LINEAR, CANARY, ROLLING with
 * early success): each code at every place it is reported (`«»` marks the exact ranges), and a
 * passing fixture of each strategy, from the API reference pages of DeploymentConfiguration,
 * LinearConfiguration, CanaryConfiguration, DeploymentEarlySuccessCriteria and DeploymentLifecycleHook.
 */
import { describe, it } from 'node:test';
import { assertClean, assertCodeAt, serviceWithTasks } from './manifestFixture';

const SVC = 'file:///w/app/ecs-service-def.json';
const network =
  '"networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-1"], "securityGroups": ["sg-1"] } }';
const blueGreenBalancer =
  '"loadBalancers": [{ "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/blue/1", "containerName": "app", "containerPort": 8080, "advancedConfiguration": { "alternateTargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/green/2", "productionListenerRule": "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener-rule/app/x/1/2/3", "roleArn": "arn:aws:iam::111122223333:role/ecsInfrastructure" } }]';

const service = (deployment: string, extra = `, ${blueGreenBalancer}`): string =>
  `{\n  "serviceName": "web",\n  "taskDefinition": "web:3",\n  "desiredCount": 2,\n  "launchType": "FARGATE",\n  ${network}${extra},\n  "deploymentConfiguration": ${deployment}\n}`;

describe('service definitions: deployment strategies', () => {
  const ls = serviceWithTasks();

  it('passes a documented blue/green, linear, canary and early-success rolling configuration', () => {
    assertClean(
      ls,
      SVC,
      service(
        '{ "strategy": "BLUE_GREEN", "bakeTimeInMinutes": 10, "lifecycleHooks": [{ "targetType": "PAUSE", "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"] }, { "hookTargetArn": "arn:aws:lambda:us-east-1:111122223333:function:check", "roleArn": "arn:aws:iam::111122223333:role/hooks", "lifecycleStages": ["TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT"] }] }',
      ),
    );
    assertClean(
      ls,
      SVC,
      service(
        '{ "strategy": "LINEAR", "linearConfiguration": { "stepPercent": 3.0, "stepBakeTimeInMinutes": 1440 } }',
      ),
    );
    assertClean(
      ls,
      SVC,
      service(
        '{ "strategy": "CANARY", "canaryConfiguration": { "canaryPercent": 0.1, "canaryBakeTimeInMinutes": 0 } }',
      ),
    );
    assertClean(
      ls,
      SVC,
      service(
        '{ "minimumHealthyPercent": 50, "earlySuccessCriteria": { "enable": true, "healthyPercent": 50, "sourceServiceRevisionCleanup": "DEFERRED" } }',
        '',
      ),
    );
  });

  it('ECS143: a traffic-shifting strategy without the ECS controller, or with nothing to shift traffic', () => {
    assertCodeAt(
      ls,
      SVC,
      service(
        '{ "strategy": «"CANARY"» }',
        `, ${blueGreenBalancer}, "deploymentController": { "type": "CODE_DEPLOY" }`,
      ),
      'ECS143',
    );
    assertCodeAt(ls, SVC, service('{ "strategy": «"LINEAR"» }', ''), 'ECS143');
    // Service Connect shifts traffic too.
    assertClean(
      ls,
      SVC,
      service(
        '{ "strategy": "LINEAR" }',
        ', "serviceConnectConfiguration": { "enabled": true, "namespace": "app" }',
      ),
    );
  });

  it('ECS144: settings of another strategy, and what blue/green and early success need', () => {
    assertCodeAt(
      ls,
      SVC,
      service(
        '{ "strategy": "LINEAR", «"canaryConfiguration"»: { "canaryPercent": 5 }, «"earlySuccessCriteria"»: { "enable": false } }',
      ),
      'ECS144',
    );
    assertCodeAt(ls, SVC, service('{ «"strategy"»: "BLUE_GREEN" }'), 'ECS144');
    assertCodeAt(
      ls,
      SVC,
      service(
        '{ «"linearConfiguration"»: { "stepPercent": 10 }, "earlySuccessCriteria": { "enable": «true» } }',
        '',
      ),
      'ECS144',
    );
  });

  it('ECS145: one past each end of every documented range, and off the 0.1 grid', () => {
    assertCodeAt(
      ls,
      SVC,
      service(
        '{ "strategy": "CANARY", "canaryConfiguration": { "canaryPercent": «0», "canaryBakeTimeInMinutes": «1441» } }',
      ),
      'ECS145',
    );
    assertCodeAt(
      ls,
      SVC,
      service(
        '{ "strategy": "LINEAR", "linearConfiguration": { "stepPercent": «2.9», "stepBakeTimeInMinutes": «-1» } }',
      ),
      'ECS145',
    );
    assertCodeAt(
      ls,
      SVC,
      service('{ "strategy": "CANARY", "canaryConfiguration": { "canaryPercent": «100.1» } }'),
      'ECS145',
    );
    assertCodeAt(
      ls,
      SVC,
      service('{ "strategy": "LINEAR", "linearConfiguration": { "stepPercent": «10.05» } }'),
      'ECS145',
    );
    assertCodeAt(
      ls,
      SVC,
      service(
        '{ "minimumHealthyPercent": 60, "earlySuccessCriteria": { "enable": true, "healthyPercent": «50», "sourceServiceRevisionCleanup": "BLOCKING" } }',
        '',
      ),
      'ECS145',
    );
  });

  it('ECS146: PAUSE at a traffic-shift stage, a Lambda hook without its function, a hook without stages', () => {
    assertCodeAt(
      ls,
      SVC,
      service(
        '{ "strategy": "BLUE_GREEN", "bakeTimeInMinutes": 5, "lifecycleHooks": [{ "targetType": "PAUSE", "lifecycleStages": [«"TEST_TRAFFIC_SHIFT"», "POST_SCALE_UP", «"PRODUCTION_TRAFFIC_SHIFT"»] }, { «"targetType"»: "AWS_LAMBDA", "lifecycleStages": ["PRE_SCALE_UP"] }, «{ "targetType": "PAUSE" }»] }',
      ),
      'ECS146',
    );
  });
});
