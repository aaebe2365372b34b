import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { Roles, type Role } from '@gdtx/domain';
import { ADMINISTRATIVE_UNITS, CENTRES, CREATE_USER, USERS, type CreateUserInput, type UserInfo } from '../gql/org';
import { describeError } from '../errors';
import { useI18n } from '../i18n';
import { EmptyState, ErrorState } from '../components/States';

/** Users of the province (SO_ADMIN): list and create. */
export function UsersPage() {
  const { t, roleLabel } = useI18n();
  const { data, loading, error, refetch } = useQuery(USERS, { variables: { first: 200 } });
  const [open, setOpen] = useState(false);
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('users.title')}</Typography.Title>
      <Card extra={<Button type="primary" onClick={() => setOpen(true)}>{t('users.create')}</Button>}>
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<UserInfo>
            rowKey="id"
            size="middle"
            loading={loading && !data}
            dataSource={data?.users.nodes ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyState /> }}
            columns={[
              { title: t('col.username'), dataIndex: 'username' },
              { title: t('col.fullName'), dataIndex: 'fullName' },
              { title: t('col.role'), dataIndex: 'role', render: (v: string) => roleLabel(v) },
              { title: t('col.scope'), dataIndex: 'scopeName', render: (v: string | null) => v ?? '—' },
              { title: t('col.active'), dataIndex: 'active', render: (v: boolean) => <Tag color={v ? 'green' : 'default'} style={{ color: '#1f1f1f' }}>{v ? t('form.yes') : t('form.no')}</Tag> },
            ]}
          />
        )}
      </Card>
      <CreateUserModal open={open} onClose={() => setOpen(false)} onCreated={() => void refetch()} />
    </>
  );
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t, language, roleLabel } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserInput>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const centres = useQuery(CENTRES, { variables: { first: 200 }, skip: !open });
  const units = useQuery(ADMINISTRATIVE_UNITS, { skip: !open });
  const [createUser, { loading }] = useMutation(CREATE_USER);
  const [error, setError] = useState<string | null>(null);
  const centreRole = role === 'CENTRE_DIRECTOR' || role === 'CENTRE_STAFF';

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await createUser({ variables: { input: { ...values, email: values.email || null } } });
      message.success(t('users.created'));
      form.resetFields();
      onCreated();
      onClose();
    } catch (e) {
      setError(describeError(e, language).message);
    }
  };

  return (
    <Modal open={open} title={t('users.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={loading} okText={t('common.ok')} cancelText={t('common.cancel')}>
      {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="username" label={t('col.username')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="fullName" label={t('col.fullName')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="email" label="Email"><Input type="email" /></Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, min: 8, message: t('common.required') }]}><Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="role" label={t('col.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={Roles.filter((r) => r !== 'SYSTEM_ADMIN').map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        {centreRole && (
          <Form.Item name="centreId" label={t('users.centre')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={(centres.data?.centres.nodes ?? []).map((c) => ({ value: c.id, label: `${c.code} – ${c.name}` }))} />
          </Form.Item>
        )}
        {role === 'SUPERVISOR' && (
          <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={(units.data?.administrativeUnits ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
